/** The library version sent in every envelope (data.widget.version); kept equal to package.json by a test in test/core.test.ts. */
export const VERSION = '0.1.0';
