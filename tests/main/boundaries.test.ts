import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Only electron/main/index.ts may load 'electron' at run time (nothing else could run in plain
 * Node, where require('electron') tries to download the binary). Type-only imports are fine: they
 * vanish from the compiled code, which is what this checks.
 */
const mainDir = path.resolve(import.meta.dirname, '../../electron/main');

describe('electron/main boundaries', () => {
  const modules = fs.readdirSync(mainDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');

  it.each(modules)('%s does not load electron at run time', (file) => {
    const source = fs.readFileSync(path.join(mainDir, file), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.NodeNext, target: ts.ScriptTarget.ES2023, verbatimModuleSyntax: false },
      fileName: file,
    });
    expect(outputText).not.toMatch(/from ['"]electron['"]|import\(['"]electron['"]\)|require\(['"]electron['"]\)/);
  });

  it('index.ts is the one place that imports electron', () => {
    expect(fs.readFileSync(path.join(mainDir, 'index.ts'), 'utf8')).toMatch(/from 'electron'/);
  });
});
