import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildKotlin, type KotlinBuild, PACKAGE_DIR } from '../support/kotlin-build.js';

const ROOT = resolve(PACKAGE_DIR, '../..');
const STUBS = join(PACKAGE_DIR, 'stubs/java');

/** Where each stubbed host library keeps its real sources inside its npm package. */
const SOURCE_ROOTS: Record<string, string> = {
  'com/facebook/react': join(
    ROOT,
    'node_modules/react-native/ReactAndroid/src/main/java/com/facebook/react',
  ),
  'com/getcapacitor': join(
    ROOT,
    'node_modules/@capacitor/android/capacitor/src/main/java/com/getcapacitor',
  ),
};

/** Stubbed classes that are not in those packages' sources, and why they cannot be checked here. */
const NOT_IN_SOURCES: Record<string, string> = {
  'com/facebook/proguard/annotations/DoNotStrip.java':
    'ships in the fbjni AAR, not in the react-native npm sources',
};

interface StubMember {
  name: string;
  params: string[];
}

/** Public/protected methods, constructors and fields a Java stub declares. */
function stubMembers(source: string, className: string): StubMember[] {
  const members: StubMember[] = [];
  const method =
    /(?:public|protected)\s+(?:static\s+|final\s+|abstract\s+)*(?:[\w.<>[\], ?]+\s+)?(\w+)\s*\(([^)]*)\)/g;
  for (const m of source.matchAll(method)) {
    const params = m[2]!
      .split(',')
      .map((p) => p.trim().split(/\s+/).at(-1)!)
      .filter(Boolean);
    members.push({ name: m[1]!, params });
  }
  for (const m of source.matchAll(/protected\s+[\w.]+\s+(m\w+);/g))
    members.push({ name: m[1]!, params: [] });
  // A one-method interface declares `void name(...)` without a modifier.
  for (const m of source.matchAll(/^\s*(?:void|int|Object|[\w.]+)\s+(\w+)\s*\(([^)]*)\);/gm)) {
    members.push({
      name: m[1]!,
      params: m[2]!
        .split(',')
        .map((p) => p.trim().split(/\s+/).at(-1)!)
        .filter(Boolean),
    });
  }
  return members.filter((m) => m.name !== className || m.params.length > 0);
}

function stubFiles(prefix: string): string[] {
  const dir = join(STUBS, prefix);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.java'))
    .map((f) => join(prefix, f));
}

/** Whether `name` (or its Kotlin property form for a getter) is declared in `text`. */
function declares(text: string, name: string, className?: string): boolean {
  if (name === className)
    return (
      text.includes('constructor(') || text.includes(`class ${name}(`) || text.includes(` ${name}(`)
    );
  const property = /^get[A-Z]/.test(name) ? name[3]!.toLowerCase() + name.slice(4) : null;
  const patterns = [
    `fun ${name}(`,
    ` ${name}(`,
    `val ${name}`,
    `var ${name}`,
    ` ${name};`,
    ` ${name} =`,
  ];
  if (property) patterns.push(`val ${property}`, `var ${property}`);
  return patterns.some((p) => text.includes(p));
}

describe('stub drift: our React Native and Capacitor stubs against those packages’ own sources', () => {
  for (const [prefix, root] of Object.entries(SOURCE_ROOTS)) {
    for (const stub of stubFiles(prefix)) {
      it(`${stub} matches ${prefix.startsWith('com/facebook') ? 'react-native 0.88.1' : '@capacitor/android 8.5.2'}`, () => {
        const relativeClass = stub.slice(prefix.length + 1).replace(/\.java$/, '');
        const base = join(root, relativeClass);
        const real = ['.kt', '.java'].map((ext) => base + ext).find(existsSync);
        expect(real, `no source for ${stub}`).toBeDefined();
        const className = relativeClass.split('/').at(-1)!;
        const packageText = readdirSync(dirname(real!))
          .filter((f) => f.endsWith('.kt') || f.endsWith('.java'))
          .map((f) => readFileSync(join(dirname(real!), f), 'utf8'))
          .join('\n');
        const own = readFileSync(real!, 'utf8');
        for (const member of stubMembers(readFileSync(join(STUBS, stub), 'utf8'), className)) {
          const where = declares(own, member.name, className) ? own : packageText;
          expect(
            declares(where, member.name, className),
            `${className}.${member.name} not found`,
          ).toBe(true);
          for (const param of member.params)
            expect(where, `${className}.${member.name}(${param})`).toContain(param);
        }
      });
    }
  }

  it('lists the stubbed classes it cannot check, with the reason', () => {
    for (const file of Object.keys(NOT_IN_SOURCES))
      expect(existsSync(join(STUBS, file))).toBe(true);
  });
});

describe('React Native codegen, NativeScript typings', () => {
  let build: KotlinBuild;
  beforeAll(() => {
    build = buildKotlin();
  });

  it('@react-native/codegen turns NativeWorkBridge.ts into the Java spec WorkBridgeModule compiles against', () => {
    const spec = readFileSync(build.generatedSpec, 'utf8');
    expect(spec).toContain(
      'public abstract class NativeWorkBridgeSpec extends ReactContextBaseJavaModule implements TurboModule',
    );
    expect(spec).toContain('public static final String NAME = "WorkBridge";');
    expect(spec).toContain('public abstract void invoke(String requestJson, Promise promise);');
    expect(spec).toContain('protected final void emitOnEvent(String value)');
  });

  it('the NativeScript facade .d.ts declares exactly the public static methods javap finds', () => {
    const javap = spawnSync(
      'javap',
      [
        '-public',
        '-cp',
        `${build.classes}:${build.stubClasses}`,
        'dev.workmanagerts.android.nativescript.WorkBridgeFacade',
      ],
      { encoding: 'utf8' },
    ).stdout;
    const fromJava = [...javap.matchAll(/public static (?:final )?void (\w+)\(([^)]*)\)/g)]
      .map((m) => `${m[1]}/${m[2]!.split(',').filter((p) => p.trim()).length}`)
      .sort();
    const dts = readFileSync(
      join(PACKAGE_DIR, 'src/hosts/nativescript/work-bridge-facade.d.ts'),
      'utf8',
    );
    const fromDts = [...dts.matchAll(/public static (\w+)\(([^)]*)\): void/g)]
      .map((m) => `${m[1]}/${m[2]!.split(',').filter((p) => p.trim()).length}`)
      .sort();
    expect(fromJava).toEqual(['install/2', 'invoke/3']);
    expect(fromDts).toEqual(fromJava);
    for (const iface of ['EventSink', 'ReplyCallback']) {
      const out = spawnSync(
        'javap',
        [
          '-public',
          '-cp',
          build.classes,
          `dev.workmanagerts.android.nativescript.WorkBridgeFacade$${iface}`,
        ],
        {
          encoding: 'utf8',
        },
      ).stdout;
      const method = /void (\w+)\(java\.lang\.String\)/.exec(out)?.[1];
      expect(method).toBeDefined();
      expect(dts).toContain(`public ${method}(`);
    }
  });

  it('tsc type-checks the NativeScript host code against @nativescript/types-android, and rejects a misspelled call', () => {
    const dir = join(PACKAGE_DIR, '.tmp/ns-typecheck');
    mkdirSync(dir, { recursive: true });
    const typesAndroid = join(ROOT, 'node_modules/@nativescript/types-android/lib/android');
    writeFileSync(
      join(dir, 'probe.ts'),
      '/// <reference path="../../src/hosts/nativescript/work-bridge-facade.d.ts" />\nexport const probe = (c: globalAndroid.content.Context) => dev.workmanagerts.android.nativescript.WorkBridgeFacade.invok(c, \'{}\', null as never);\n',
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
          lib: ['ES2022', 'DOM'],
        },
        files: [
          join(typesAndroid, 'android-declarations.d.ts'),
          join(typesAndroid, 'android-platform-37.d.ts'),
          join(PACKAGE_DIR, 'src/hosts/nativescript/work-bridge-facade.d.ts'),
          join(PACKAGE_DIR, 'src/hosts/nativescript/facade.ts'),
          join(dir, 'probe.ts'),
        ],
      }),
    );
    const tsc = spawnSync(
      'node',
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')],
      {
        encoding: 'utf8',
      },
    );
    const errors = tsc.stdout.split('\n').filter((l) => l.includes('error TS'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('probe.ts');
    expect(errors[0]).toContain("Property 'invok' does not exist");
  });

  it('tsc type-checks the TurboModule spec against react-native 0.88.1 types and fits it into the RN transport', () => {
    const dir = join(PACKAGE_DIR, '.tmp/rn-typecheck');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'probe.ts'),
      [
        "import { createReactNativeTransport } from '../../src/hosts/react-native/react-native-transport.js';",
        "import NativeWorkBridge from '../../src/hosts/react-native/NativeWorkBridge.js';",
        'export const transport = createReactNativeTransport(NativeWorkBridge);',
        "export const wrong = NativeWorkBridge.invok('{}');",
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
          lib: ['ES2022', 'DOM'],
        },
        files: ['probe.ts'],
      }),
    );
    const tsc = spawnSync(
      'node',
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')],
      {
        encoding: 'utf8',
      },
    );
    const errors = tsc.stdout.split('\n').filter((l) => l.includes('error TS'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("Property 'invok' does not exist");
  });
});
