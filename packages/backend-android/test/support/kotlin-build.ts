import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package folder (packages/backend-android). */
export const PACKAGE_DIR = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const ROOT_DIR = resolve(PACKAGE_DIR, '../..');
const require = createRequire(import.meta.url);

/** Android's own org.json, from Debian's libandroid-json-java (scripts/ci-setup.sh installs it). */
export const ANDROID_JSON_JAR = '/usr/share/java/com.android.json.jar';

/** The kotlin-compiler npm package's distribution. */
export const KOTLIN_HOME = join(ROOT_DIR, 'node_modules/kotlin-compiler');

/** What a build produced. */
export interface KotlinBuild {
  readonly dir: string;
  /** javac output: the stubs plus the codegen'd React Native spec. */
  readonly stubClasses: string;
  /** kotlinc output: every Kotlin source of android/. */
  readonly classes: string;
  /** The React Native spec generated from src/hosts/react-native/NativeWorkBridge.ts. */
  readonly generatedSpec: string;
  /** Classpath to run the pure layers and the harness on a JVM (no stubs: they must not be needed). */
  readonly runtimeClasspath: string;
  readonly cached: boolean;
}

const KOTLIN_SOURCE_ROOTS = [
  'android/core/src/main/kotlin',
  'android/device/src/main/kotlin',
  'android/rn/src/main/kotlin',
  'android/capacitor/src/main/kotlin',
  'android/nativescript/src/main/kotlin',
  'android/harness/src/debug/kotlin',
  'android/testing/src/main/kotlin',
  'android/core/src/test/kotlin',
];

function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => f.endsWith(suffix) && statSync(f).isFile())
    .sort();
}

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, {
    cwd: PACKAGE_DIR,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`.slice(
        0,
        20_000,
      ),
    );
  }
}

/** Runs `@react-native/codegen` on our TurboModule spec, as the app's Gradle build would. */
export function generateReactNativeSpec(outDir: string): string {
  const combine = require('@react-native/codegen/lib/cli/combine/combine-js-to-schema.js') as {
    combineSchemasInFileList: (
      files: string[],
      platform: string | null,
      exclude: RegExp | null,
    ) => unknown;
  };
  const RNCodegen = require('@react-native/codegen/lib/generators/RNCodegen.js') as {
    generate: (options: object, config: object) => boolean;
  };
  const spec = join(PACKAGE_DIR, 'src/hosts/react-native/NativeWorkBridge.ts');
  const schema = combine.combineSchemasInFileList([spec], 'android', null);
  mkdirSync(outDir, { recursive: true });
  const ok = RNCodegen.generate(
    {
      libraryName: 'WorkBridgeSpec',
      schema,
      outputDirectory: outDir,
      packageName: 'dev.workmanagerts.android.rn.spec',
      assumeNonnull: false,
    },
    { generators: ['modulesAndroid'] },
  );
  if (!ok) throw new Error('@react-native/codegen reported failure for NativeWorkBridge.ts');
  return join(outDir, 'java/dev/workmanagerts/android/rn/spec/NativeWorkBridgeSpec.java');
}

let memo: KotlinBuild | null = null;

/**
 * Compiles the stubs (javac) and every Kotlin source (one kotlinc run, ~40–70 s cold on 2 cores)
 * into .tmp/kotlin/<hash of all inputs>/, reusing a finished build with the same hash.
 */
export function buildKotlin(): KotlinBuild {
  if (memo) return memo;
  const inputs = [
    ...KOTLIN_SOURCE_ROOTS.flatMap((root) => filesUnder(join(PACKAGE_DIR, root), '.kt')),
    ...filesUnder(join(PACKAGE_DIR, 'stubs/java'), '.java'),
    join(PACKAGE_DIR, 'src/hosts/react-native/NativeWorkBridge.ts'),
    fileURLToPath(import.meta.url),
  ];
  const hash = createHash('sha256');
  hash.update(readFileSync(join(KOTLIN_HOME, 'build.txt'), 'utf8'));
  for (const file of inputs)
    hash.update(relative(PACKAGE_DIR, file)).update('\0').update(readFileSync(file)).update('\0');
  const key = hash.digest('hex').slice(0, 16);
  const dir = join(PACKAGE_DIR, '.tmp/kotlin', key);
  const layout = (base: string, cached: boolean): KotlinBuild => ({
    dir: base,
    stubClasses: join(base, 'stubs'),
    classes: join(base, 'classes'),
    generatedSpec: join(
      base,
      'codegen/java/dev/workmanagerts/android/rn/spec/NativeWorkBridgeSpec.java',
    ),
    runtimeClasspath: [
      join(base, 'classes'),
      ANDROID_JSON_JAR,
      join(KOTLIN_HOME, 'lib/kotlin-stdlib.jar'),
    ].join(':'),
    cached,
  });
  if (existsSync(join(dir, 'ok'))) return (memo = layout(dir, true));

  const work = `${dir}.partial-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  const build = layout(work, false);
  const spec = generateReactNativeSpec(join(work, 'codegen'));
  const stubs = filesUnder(join(PACKAGE_DIR, 'stubs/java'), '.java');
  run(
    'javac',
    ['-nowarn', '-d', build.stubClasses, '-cp', ANDROID_JSON_JAR, ...stubs, spec],
    'javac (stubs and codegen spec)',
  );
  run(
    'bash',
    [
      join(KOTLIN_HOME, 'bin/kotlinc'),
      '-nowarn',
      '-cp',
      `${build.stubClasses}:${ANDROID_JSON_JAR}`,
      '-d',
      build.classes,
      ...KOTLIN_SOURCE_ROOTS,
    ],
    'kotlinc (core, executor, JsWorker, host adapters, harness, tests)',
  );
  writeFileSync(join(work, 'ok'), key);
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
  // Keep one build: older keys are stale sources.
  for (const old of readdirSync(join(PACKAGE_DIR, '.tmp/kotlin'))) {
    if (old !== key && !old.includes('.partial-'))
      rmSync(join(PACKAGE_DIR, '.tmp/kotlin', old), { recursive: true, force: true });
  }
  return (memo = layout(dir, false));
}
