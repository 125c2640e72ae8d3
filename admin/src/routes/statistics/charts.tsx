/** AntV charts of the statistics screen; this module (and @ant-design/plots) loads only there. */
import { Column, Line } from '@ant-design/plots';
import { Card, Col, Row } from 'antd';
import { valueOf, type Indicators } from './queries.ts';

export default function StatisticsCharts({ trend, subRegions, subLevelLabel }: { trend: Indicators[]; subRegions: Indicators[]; subLevelLabel: string }) {
  const trendData = trend.flatMap((r) => [
    { year: String(r.for_year), kind: '托位数', value: r.slots },
    { year: String(r.for_year), kind: '普惠托位', value: r.affordable_slots },
    { year: String(r.for_year), kind: '新增托位', value: r.new_slots },
  ]);
  const per1000 = trend.map((r) => ({ year: String(r.for_year), value: valueOf(r, 'slots_per_1000') ?? 0 }));
  const ranking = [...subRegions]
    .sort((a, b) => (valueOf(b, 'slots_per_1000') ?? -1) - (valueOf(a, 'slots_per_1000') ?? -1))
    .map((r) => ({ region: r.region_name, value: valueOf(r, 'slots_per_1000') ?? 0 }));
  return (
    <Row gutter={16}>
      <Col xs={24} xl={12}>
        <Card title="托位逐年变化（年末）" data-testid="statistics-chart-trend">
          <Column data={trendData} xField="year" yField="value" colorField="kind" group height={280} axis={{ y: { title: '个' } }} legend={{ color: { position: 'top' } }} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title="千人托位数逐年变化" data-testid="statistics-chart-per1000">
          <Line data={per1000} xField="year" yField="value" height={280} point={{ shapeField: 'circle', sizeField: 3 }} axis={{ y: { title: '个/千人' } }} />
        </Card>
      </Col>
      {ranking.length > 0 && (
        <Col xs={24}>
          <Card title={`各${subLevelLabel}千人托位数`} data-testid="statistics-chart-ranking" style={{ marginTop: 16 }}>
            <Column data={ranking} xField="region" yField="value" height={280} axis={{ y: { title: '个/千人' } }} />
          </Card>
        </Col>
      )}
    </Row>
  );
}
