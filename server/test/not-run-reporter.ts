import path from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

declare module 'vitest' {
  interface TaskMeta {
    /** Why the test does not run on this run's database (set by `onlyOn` in server/test/database.ts). */
    notRunBecause?: string;
  }
}

/**
 * Closing lines of a run: every skipped test, grouped by file and reason, so that a test that does
 * not run on this database says so and why. A skip without a reason is named as such: none may be silent.
 */
export default class NotRunReporter implements Reporter {
  /** With a name filter (-t) the tests it leaves out are skipped too, for no reason of theirs. */
  private nameFiltered = false;

  onInit(vitest: Vitest): void {
    this.nameFiltered = vitest.config.testNamePattern !== undefined;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const groups = new Map<string, number>();
    for (const module of testModules) {
      // A file whose set-up failed reports its tests as skipped: its failure is reported already.
      if (module.state() === 'failed') continue;
      for (const test of module.children.allTests('skipped')) {
        const reason = test.meta().notRunBecause;
        if (reason === undefined && this.nameFiltered) continue;
        const suite = test.parent.type === 'suite' ? ` › ${test.parent.fullName}` : '';
        const key = `${path.relative(process.cwd(), module.moduleId)}${suite}: ${reason ?? 'SKIPPED WITHOUT A REASON'}`;
        groups.set(key, (groups.get(key) ?? 0) + 1);
      }
    }
    if (groups.size === 0) return;
    const total = [...groups.values()].reduce((sum, n) => sum + n, 0);
    const database = process.env.HAMSAFAR_TEST_DB ?? 'pglite';
    console.log(`\nNot run on ${database}: ${total} test${total === 1 ? '' : 's'}`);
    for (const [key, count] of groups) console.log(`  ${count} × ${key}`);
  }
}
