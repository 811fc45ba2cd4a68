// The parts of Apache ECharts the page uses (the bundle keeps only these).
import * as echarts from 'echarts/core';
import { FunnelChart, GraphChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  FunnelChart, GraphChart, HeatmapChart, LineChart,
  GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent,
  CanvasRenderer,
]);

export default echarts;
