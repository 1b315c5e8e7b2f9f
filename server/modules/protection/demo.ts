import type { DemoContext } from '../../seed/demo';

/** Demo data of the protection module. */
export async function seedProtectionDemo(demo: DemoContext): Promise<void> {
  void demo;
}
