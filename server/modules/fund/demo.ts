import type { DemoContext } from '../../seed/demo';

/** Demo data of the fund module. */
export async function seedFundDemo(demo: DemoContext): Promise<void> {
  void demo;
}
