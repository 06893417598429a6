import { Select, Typography } from 'antd';
import { targetUnits } from '../../../../shared/schemas/workplans';
import { useMetrics } from '../../../api/workplans';
import { workplanEditor as t } from '../../../locales/zh-CN';

const knownUnits: readonly string[] = targetUnits;

interface MetricSelectProps {
  value?: string | null;
  /** Called with the code (null: reported by the units) and, for a catalog metric, its name and unit. */
  onChange?: (code: string | null, metric?: { name: string; unit: string | undefined }) => void;
  id?: string;
  style?: React.CSSProperties;
}

/** 统计方式: reported by the units, or computed from records by a metric of the catalog. */
export function MetricSelect({ value, onChange, id, style }: MetricSelectProps) {
  const metrics = useMetrics();
  const options = [
    { value: '', label: t.metricCodeReported, description: '' },
    ...(metrics.data ?? []).map((m) => ({
      value: m.code,
      label: `${m.name}（${m.unit}）`,
      description: m.description,
    })),
  ];
  return (
    <Select<string>
      id={id}
      aria-label={t.metricCode}
      value={value ?? ''}
      style={style}
      loading={metrics.isPending}
      options={options}
      popupMatchSelectWidth={320}
      title={t.metricCodeHint}
      optionRender={(option) => (
        <div>
          <div>{option.data.label}</div>
          {option.data.description && (
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
              {option.data.description}
            </Typography.Text>
          )}
        </div>
      )}
      onChange={(code) => {
        const metric = metrics.data?.find((m) => m.code === code);
        onChange?.(
          code || null,
          metric ? { name: metric.name, unit: knownUnits.includes(metric.unit) ? metric.unit : undefined } : undefined,
        );
      }}
    />
  );
}
