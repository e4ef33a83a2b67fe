// In the browser, Notebook Kit's TypeScript support would pull the whole compiler (~9 MB) into
// every page. This stand-in keeps `ts` cells in the file and says where they run instead.
const unsupported = () => {
  throw new SyntaxError("TypeScript cells run in the headless runner (crossexam run), not in the browser; use a js cell here");
};
export const ModuleKind = { ESNext: 99 };
export const ScriptTarget = { ESNext: 99 };
export const transpile = unsupported;
export const createProgram = unsupported;
export const createSourceFile = unsupported;
export const isClassExpression = () => false;
export const isFunctionExpression = () => false;
export const isParenthesizedExpression = () => false;
export const isExpressionStatement = () => false;
export default { ModuleKind, ScriptTarget, transpile, createProgram, createSourceFile };
