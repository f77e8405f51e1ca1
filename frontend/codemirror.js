// The SPARQL editor's libraries: CodeMirror 6 and its SPARQL mode (legacy-modes), one ES module.
export { EditorState, Compartment, Prec } from "@codemirror/state";
export {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, placeholder,
} from "@codemirror/view";
export {
  StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput,
  foldGutter, foldKeymap,
} from "@codemirror/language";
export { sparql } from "@codemirror/legacy-modes/mode/sparql";
export {
  autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap, startCompletion,
  currentCompletions, completionStatus,
} from "@codemirror/autocomplete";
export { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
export { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
export { linter, lintGutter, setDiagnostics, forceLinting } from "@codemirror/lint";
