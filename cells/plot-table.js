/**
 * @title Scatter plot of a table
 * @description Two columns of an arquero table against each other; swap in your own table and columns.
 * @mode js
 */
{
  // replace `points` with a table from another cell, and x/y with two of its columns
  const points = aq.table({x: d3.range(100), y: d3.range(100).map((i) => Math.sin(i / 10))});
  display(Plot.plot({height: 240, grid: true, marks: [Plot.dot(points, {x: "x", y: "y", r: 2})]}));
}
