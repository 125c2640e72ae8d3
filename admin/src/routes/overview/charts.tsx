/** AntV charts of the overview; this module (and @ant-design/plots) loads only on the overview. */
import { Column } from '@ant-design/plots';
import { Card, Col, Row } from 'antd';
import { filingsByStatus, slotsByCounty, type CountyOverview } from './queries.ts';

export default function OverviewCharts({ rows }: { rows: CountyOverview[] }) {
  return (
    <Row gutter={16}>
      <Col xs={24} xl={12}>
        <Card title="各县区备案状态" data-testid="overview-chart-filings">
          <Column
            data={filingsByStatus(rows)}
            xField="county"
            yField="count"
            colorField="status"
            stack
            height={300}
            axis={{ y: { title: '件数' } }}
            legend={{ color: { position: 'top' } }}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title="各县区托位（已备案机构）" data-testid="overview-chart-slots">
          <Column
            data={slotsByCounty(rows)}
            xField="county"
            yField="value"
            colorField="kind"
            group
            height={300}
            axis={{ y: { title: '个' } }}
            legend={{ color: { position: 'top' } }}
          />
        </Card>
      </Col>
    </Row>
  );
}
