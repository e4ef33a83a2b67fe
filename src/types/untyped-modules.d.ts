// Packages that ship no type declarations.
declare module "@observablehq/inputs";
declare module "htl";
