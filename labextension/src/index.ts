/**
 * The JupyterLab / Notebook 7 / Voilà plug-in: watches the page and gives every rendered
 * Markdown block the direction of its text (see bidi.ts).
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';

import { watch } from './bidi';

export * from './bidi';

const plugin: JupyterFrontEndPlugin<void> = {
  id: '@town-square-kit/rtl-markdown:plugin',
  description: 'Rendered Markdown reads right to left where the text is Arabic (dir="auto").',
  autoStart: true,
  activate: (_app: JupyterFrontEnd): void => {
    watch(document.body);
  }
};

export default plugin;
