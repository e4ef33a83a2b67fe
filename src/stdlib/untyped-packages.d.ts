// Packages cells import that ship no types; cells use them untyped, as in Notebook Kit.
declare module "d3-sankey";
declare module "d3-hexbin";
declare module "he";
declare module "topojson-client";
declare module "versor";
declare module "d3-geo-projection";
