// The plot barrel: SVG plots of f and f' (the lab's plot_f1_and_f2) and bar charts, no dependencies.
export { plot, type PlotFunction, type PlotOptions } from './plot.js';
export { barChart, type Bar, type BarChartOptions } from './bars.js';
