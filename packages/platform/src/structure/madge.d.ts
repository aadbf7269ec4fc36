/** The part of madge's API the structure tests use (the package ships no types). */
declare module 'madge' {
  interface MadgeConfig {
    fileExtensions?: string[];
    excludeRegExp?: RegExp[];
    tsConfig?: string;
  }
  interface MadgeResult {
    /** Each circle as the files on it, relative to the base directory. */
    circular(): string[][];
    /** Every file reached, with the files it imports. */
    obj(): Record<string, string[]>;
  }
  function madge(path: string | string[], config?: MadgeConfig): Promise<MadgeResult>;
  export default madge;
}
