import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The app's package versions: the ones pinned in ringkit's own devDependencies. */
const APP_PACKAGES = {
  dependencies: ['react', 'react-dom', '@tanstack/react-query'],
  devDependencies: ['vite', '@vitejs/plugin-react', 'typescript', '@types/react', '@types/react-dom'],
} as const;

/**
 * Writes a Vite React TypeScript app like `npm create vite -- --template react-ts` (same
 * compiler options, `<StrictMode>`, `import App from './App.tsx'`) that depends on the ringkit
 * tarball, with `appTsx` as `src/App.tsx`. Its Vite config writes the bundled module IDs to
 * `modules.json`.
 * @example writeViteApp(dir, { tarball: '/tmp/ringkit-0.1.0.tgz', appTsx: readmeBlock, versions: pkg.devDependencies })
 */
export function writeViteApp(dir: string, options: { tarball: string; appTsx: string; versions: Record<string, string> }): void {
  const pick = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, options.versions[name]!]));
  const files: Record<string, string> = {
    'package.json': JSON.stringify(
      {
        name: 'my-app',
        private: true,
        type: 'module',
        dependencies: { ringkit: `file:${options.tarball}`, ...pick(APP_PACKAGES.dependencies) },
        devDependencies: pick(APP_PACKAGES.devDependencies),
      },
      null,
      2,
    ),
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        useDefineForClassFields: true,
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        module: 'ESNext',
        types: ['vite/client'],
        skipLibCheck: true,
        moduleResolution: 'bundler',
        allowImportingTsExtensions: true,
        verbatimModuleSyntax: true,
        moduleDetection: 'force',
        noEmit: true,
        jsx: 'react-jsx',
        strict: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        erasableSyntaxOnly: true,
        noFallthroughCasesInSwitch: true,
        noUncheckedSideEffectImports: true,
      },
      include: ['src'],
    }),
    'vite.config.js': `import { writeFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [
    react(),
    {
      name: 'list-modules',
      generateBundle(_, bundle) {
        const ids = Object.values(bundle).flatMap((chunk) => (chunk.type === 'chunk' ? chunk.moduleIds ?? Object.keys(chunk.modules) : []));
        writeFileSync('modules.json', JSON.stringify(ids));
      },
    },
  ],
});
`,
    'index.html': `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><link rel="icon" href="data:," /><title>my-app</title></head>
  <body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body>
</html>
`,
    'src/main.tsx': `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isRingkitError } from 'ringkit';
import 'ringkit/styles.css';
import App from './App.tsx';

window.addEventListener('unhandledrejection', (e) => {
  if (isRingkitError(e.reason)) console.warn('ringkit:', e.reason.code);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`,
    'src/App.tsx': options.appTsx,
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}
