/** The ranked candidates as bars (this module and @ant-design/plots load only with the planner). */
import { Column } from '@ant-design/plots';
import { num, type CandidateRow } from './queries.ts';

export default function CandidatesChart({ rows }: { rows: CandidateRow[] }) {
  const top = rows.slice(0, 10);
  const data = top.flatMap((r) => [
    { street: `${r.rank}. ${r.street_name}`, kind: '15分钟服务圈覆盖率（建成后，%）', value: num(r.service_circle_coverage_after) ?? 0 },
    { street: `${r.rank}. ${r.street_name}`, kind: '街道普惠覆盖率（建成后，%）', value: num(r.street_coverage_after) ?? 0 },
  ]);
  return (
    <div data-testid="gap-candidates-chart">
      <Column data={data} xField="street" yField="value" colorField="kind" group height={260} axis={{ y: { title: '%' } }} legend={{ color: { position: 'top' } }} />
    </div>
  );
}
