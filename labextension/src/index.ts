/**
 * The JupyterLab / Notebook 7 / Voilà / JupyterLite plug-in: watches the page and gives every
 * rendered Markdown block the direction of its text (bidi.ts); where JupyterLab's CodeMirror
 * editors are available, Markdown sources are edited line by line in the same way (editor.ts).
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IEditorExtensionRegistry } from '@jupyterlab/codemirror';

import { watch } from './bidi';

export * from './bidi';

const plugin: JupyterFrontEndPlugin<void> = {
  id: '@town-square-kit/rtl-markdown:plugin',
  description: 'Rendered Markdown reads right to left where the text is Arabic (dir="auto").',
  autoStart: true,
  optional: [IEditorExtensionRegistry],
  activate: async (
    _app: JupyterFrontEnd,
    editors: IEditorExtensionRegistry | null
  ): Promise<void> => {
    watch(document.body);
    if (!editors) {
      return; // Voilà: no editors, and no CodeMirror packages to share
    }
    try {
      // Loaded only where there are editors: it needs CodeMirror from the host application.
      const { markdownEditorExtension } = await import('./editor');
      editors.addExtension(markdownEditorExtension);
    } catch (reason) {
      console.warn('rtl-markdown: Markdown editors keep their usual direction', reason);
    }
  }
};

export default plugin;
