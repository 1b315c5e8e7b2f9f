import { Box, SimpleGrid, Table, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';

export interface ChartSeries {
  name: string;
  values: number[];
}

export interface ChartWithTableProps {
  title: string;
  kind: 'bar' | 'line' | 'pie';
  /** Labels of the x axis, or of the slices of a pie. */
  categories: string[];
  /** A pie uses the first series only. */
  series: ChartSeries[];
  /** Header of the table's first column, naming what the categories are. */
  categoryHeader: string;
  formatValue?: (value: number) => string;
  height?: number;
  headingOrder?: 2 | 3 | 4;
}

function chartOption(props: ChartWithTableProps, fontFamily: string, rtl: boolean) {
  const { kind, categories, series, formatValue } = props;
  const tooltip = { trigger: kind === 'pie' ? 'item' : 'axis', valueFormatter: formatValue };
  const textStyle = { fontFamily };
  if (kind === 'pie') {
    const first = series[0] ?? { name: '', values: [] };
    return {
      textStyle,
      tooltip,
      legend: { bottom: 0 },
      series: [{ type: 'pie', name: first.name, radius: ['35%', '65%'], data: categories.map((name, i) => ({ name, value: first.values[i] ?? 0 })) }],
    };
  }
  return {
    textStyle,
    tooltip,
    legend: series.length > 1 ? { bottom: 0 } : undefined,
    grid: { left: 48, right: 24, top: 24, bottom: series.length > 1 ? 56 : 32, containLabel: true },
    // Right-to-left pages read the category axis from the right.
    xAxis: { type: 'category', data: categories, inverse: rtl },
    yAxis: { type: 'value', position: rtl ? 'right' : 'left' },
    series: series.map((s) => ({ type: kind, name: s.name, data: s.values })),
  };
}

/**
 * A chart, always with the same figures as a table beside it: screen readers, keyboard users and
 * anyone on a connection too slow for the chart library get the table.
 */
export function ChartWithTable(props: ChartWithTableProps) {
  const { t } = useTranslation('common');
  const { title, categories, series, categoryHeader, formatValue = (v) => v.toLocaleString(currentLanguage() === 'ur' ? 'ur-PK' : 'en-GB'), height = 320, headingOrder = 3 } = props;
  const chartRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = chartRef.current;
    if (!element) return;
    let disposed = false;
    let dispose = () => {};
    void import('./chartEngine').then(({ init }) => {
      if (disposed) return;
      const chart = init(element, undefined, { renderer: 'svg' });
      const fontFamily = getComputedStyle(document.body).fontFamily;
      chart.setOption(chartOption({ ...props, formatValue }, fontFamily, document.documentElement.dir === 'rtl'));
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(element);
      dispose = () => {
        observer.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose();
    };
    // The option is rebuilt from the data; formatValue identity does not matter.
  }, [props.kind, JSON.stringify(categories), JSON.stringify(series)]);

  return (
    <Box component="figure" m={0}>
      <Title order={headingOrder} component="figcaption" mb="sm">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <div ref={chartRef} role="img" aria-label={t('chart.described', { title })} style={{ height, minWidth: 0 }} />
        <div role="region" aria-label={title} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table withTableBorder striped>
            <Table.Caption className="visually-hidden">{title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{categoryHeader}</Table.Th>
                {series.map((s) => (
                  <Table.Th key={s.name} scope="col">
                    {s.name}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {categories.map((category, i) => (
                <Table.Tr key={category}>
                  <Table.Th scope="row">{category}</Table.Th>
                  {series.map((s) => (
                    <Table.Td key={s.name}>{formatValue(s.values[i] ?? 0)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </SimpleGrid>
    </Box>
  );
}
