// The results and list tables: Tabulator with only the modules the pages use.
import {
  Tabulator, FormatModule, SortModule, PageModule, ResizeColumnsModule, FilterModule,
  ResizeTableModule, TooltipModule,
} from "tabulator-tables";

Tabulator.registerModule([
  FormatModule, SortModule, PageModule, ResizeColumnsModule, FilterModule, ResizeTableModule,
  TooltipModule,
]);

export { Tabulator };
