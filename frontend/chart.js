// The bar charts: Chart.js with its controllers, elements, scales and plugins registered.
import Chart from "chart.js/auto";

export { Chart };
