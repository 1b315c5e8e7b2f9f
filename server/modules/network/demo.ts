import type { DemoContext } from '../../seed/demo';

/** Demo data of the network module. */
export async function seedNetworkDemo(demo: DemoContext): Promise<void> {
  void demo;
}
