/** AntV charts of the overview; this module (and @ant-design/plots) loads only on the overview. */
import { Column } from '@ant-design/plots';
import { Card, Col, Row } from 'antd';
import { filingsByStatus, slotsByCounty } from './queries.ts';
import type { AreaOverview } from './roll-up.ts';

/** Area names stay readable: rotated when crowded, shortened with an ellipsis, never overlapping. */
const X_AXIS = { title: false, labelAutoRotate: true, labelAutoHide: true, labelAutoEllipsis: true, labelFontSize: 12 } as const;

export default function OverviewCharts({
  rows,
  areaLabel,
  onOpen,
}: {
  rows: AreaOverview[];
  /** 市 or 县区 */
  areaLabel: string;
  /** Clicking a city's column drills down to its counties. */
  onOpen?: (row: AreaOverview) => void;
}) {
  const byName = new Map(rows.map((r) => [r.county_name, r]));
  const onReady = onOpen
    ? ({ chart }: { chart: { on(event: string, fn: (e: { data?: { data?: { county?: string } } }) => void): void } }) => {
        chart.on('element:click', (e) => {
          const row = byName.get(e.data?.data?.county ?? '');
          if (row) onOpen(row);
        });
      }
    : undefined;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card title={`各${areaLabel}备案状态`} data-testid="overview-chart-filings">
          <Column
            data={filingsByStatus(rows)}
            xField="county"
            yField="count"
            colorField="status"
            stack
            height={320}
            axis={{ x: X_AXIS, y: { title: '件数' } }}
            legend={{ color: { position: 'top' } }}
            onReady={onReady}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={`各${areaLabel}托位（已备案机构）`} data-testid="overview-chart-slots">
          <Column
            data={slotsByCounty(rows)}
            xField="county"
            yField="value"
            colorField="kind"
            group
            height={320}
            axis={{ x: X_AXIS, y: { title: '个' } }}
            legend={{ color: { position: 'top' } }}
            onReady={onReady}
          />
        </Card>
      </Col>
    </Row>
  );
}
