/**
 * The JupyterLab / Notebook 7 / Voilà / JupyterLite plug-in: watches the page and gives every
 * rendered Markdown block the direction of its text (bidi.ts); where JupyterLab's CodeMirror
 * editors are available, Markdown sources are edited line by line in the same way (editor.ts).
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import {
  EditorExtensionRegistry,
  IEditorExtensionRegistry
} from '@jupyterlab/codemirror';

import { watch } from './bidi';
import { MARKDOWN_MIME_TYPES, perLineDirection } from './editor';

export * from './bidi';

const plugin: JupyterFrontEndPlugin<void> = {
  id: '@town-square-kit/rtl-markdown:plugin',
  description: 'Rendered Markdown reads right to left where the text is Arabic (dir="auto").',
  autoStart: true,
  optional: [IEditorExtensionRegistry],
  activate: (_app: JupyterFrontEnd, editors: IEditorExtensionRegistry | null): void => {
    watch(document.body);
    editors?.addExtension({
      name: '@town-square-kit/rtl-markdown:per-line-direction',
      factory: ({ model }) =>
        MARKDOWN_MIME_TYPES.has(model.mimeType)
          ? EditorExtensionRegistry.createImmutableExtension(perLineDirection)
          : null
    });
  }
};

export default plugin;
