import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The crash and concurrency files first, then vitest's order (the longest first by the last
 * run's durations, or the largest first where there are none). Those two files are the longest
 * but small ones: on a fresh clone, with no durations yet, vitest would start them last and
 * leave one worker running them alone at the end (issue 13).
 */
export default class CrashFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const crash = (file: TestSpecification): boolean => /[\\/]test[\\/]crash[\\/]/.test(file.moduleId);
    return [...sorted.filter(crash), ...sorted.filter((file) => !crash(file))];
  }
}
