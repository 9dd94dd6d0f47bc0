import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Budget for the page's JavaScript, gzipped: it is fetched by every screen and phone. */
export const JS_BUDGET_GZIP_BYTES = 60 * 1024;

export interface BuiltAsset {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface DashboardBuild {
  outdir: string;
  js: BuiltAsset;
  css: BuiltAsset;
  html: string;
  /** npm packages that ended up in the bundle (only preact is meant to). */
  packages: string[];
}

const APP_DIR = path.resolve(__dirname, '..');
const WORKSPACE_ROOT = path.resolve(APP_DIR, '../..');
export const DEFAULT_OUTDIR = path.join(WORKSPACE_ROOT, 'dist/apps/dashboard');

/**
 * Bundles the page with esbuild into `outdir`: `app-<hash>.js`, `app-<hash>.css` (content hashes,
 * so they can be cached forever) and an `index.html` that names them (never cached).
 * `config.json` is not built: the local stack serves it, the CDK stack writes it per stage.
 */
export const buildDashboard = async (
  options: { outdir?: string; minify?: boolean } = {},
): Promise<DashboardBuild> => {
  const outdir = path.resolve(options.outdir ?? DEFAULT_OUTDIR);
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });

  const result = await build({
    absWorkingDir: WORKSPACE_ROOT,
    entryPoints: { app: path.join(APP_DIR, 'src/main.tsx') },
    outdir,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: options.minify ?? true,
    sourcemap: false,
    platform: 'browser',
    format: 'esm',
    target: ['es2020', 'chrome90', 'firefox90', 'safari14'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: path.join(APP_DIR, 'tsconfig.json'),
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });

  const outputs = Object.keys(result.metafile.outputs).map((file) =>
    path.resolve(WORKSPACE_ROOT, file),
  );
  const jsFile = outputs.find((file) => file.endsWith('.js'));
  const cssFile = outputs.find((file) => file.endsWith('.css'));
  if (!jsFile || !cssFile)
    throw new Error('The dashboard build produced no app JavaScript or CSS.');

  const measure = async (file: string): Promise<BuiltAsset> => {
    const content = await readFile(file);
    return {
      file: path.basename(file),
      bytes: content.length,
      gzipBytes: gzipSync(content, { level: 9 }).length,
    };
  };
  const js = await measure(jsFile);
  const css = await measure(cssFile);

  const template = await readFile(path.join(APP_DIR, 'src/index.html'), 'utf8');
  const html = template.replace('%APP_CSS%', css.file).replace('%APP_JS%', js.file);
  await writeFile(path.join(outdir, 'index.html'), html);
  const packages = new Set<string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    if (match?.[1]) packages.add(match[1]);
  }
  return { outdir, js, css, html, packages: [...packages].sort() };
};

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** One line per asset, as the build prints it. */
export const sizeReport = (built: DashboardBuild): string =>
  [
    `dashboard → ${path.relative(WORKSPACE_ROOT, built.outdir)}`,
    `  ${built.js.file}  ${kb(built.js.bytes)}  (${kb(built.js.gzipBytes)} gzipped, budget ${kb(JS_BUDGET_GZIP_BYTES)})`,
    `  ${built.css.file}  ${kb(built.css.bytes)}  (${kb(built.css.gzipBytes)} gzipped)`,
    `  packages bundled: ${built.packages.join(', ') || 'none'}`,
  ].join('\n');
