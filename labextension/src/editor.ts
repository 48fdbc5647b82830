/**
 * While a teacher edits a Markdown cell, each line of the source reads in the direction of its
 * first strong character too (an Arabic line right to left, an English one left to right), so
 * the text being edited looks like the text it renders to. Code cells are left as they are.
 */
import { Extension, RangeSetBuilder } from '@codemirror/state';
import { EditorExtensionRegistry, IEditorExtensionFactory } from '@jupyterlab/codemirror';
import {
  Decoration,
  DecorationSet,
  EditorView,
  ViewPlugin,
  ViewUpdate
} from '@codemirror/view';

/** Editors whose text is prose: notebook Markdown cells and Markdown files. */
export const MARKDOWN_MIME_TYPES = new Set([
  'text/x-ipythongfm',
  'text/markdown',
  'text/x-markdown',
  'text/x-gfm'
]);

const autoLine = Decoration.line({ attributes: { dir: 'auto' } });

function autoLines(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to; ) {
      const line = view.state.doc.lineAt(pos);
      builder.add(line.from, line.from, autoLine);
      pos = line.to + 1;
    }
  }
  return builder.finish();
}

const directionPerLine = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;

    constructor(view: EditorView) {
      this.decorations = autoLines(view);
    }

    update(update: ViewUpdate): void {
      if (update.docChanged || update.viewportChanged) {
        this.decorations = autoLines(update.view);
      }
    }
  },
  { decorations: plugin => plugin.decorations }
);

/**
 * `dir="auto"` on every line, and CodeMirror told to read each line's direction (cursor
 * movement and selection then follow the text), lines aligned to their start.
 */
export const perLineDirection: Extension = [
  directionPerLine,
  EditorView.perLineTextDirection.of(true),
  EditorView.theme({ '.cm-line': { textAlign: 'start' } })
];

/** Per-line direction for Markdown editors only; code editors are left as they are. */
export const markdownEditorExtension: IEditorExtensionFactory = {
  name: '@town-square-kit/rtl-markdown:per-line-direction',
  factory: ({ model }) =>
    MARKDOWN_MIME_TYPES.has(model.mimeType)
      ? EditorExtensionRegistry.createImmutableExtension(perLineDirection)
      : null
};
