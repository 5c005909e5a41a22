/** The contract between bench/run.ts and a server it spawns: "READY <url>" on stdout, stop when stdin ends. */
export function serveUntilStdinCloses(url: string, stop: () => Promise<void>): void {
  process.stdout.write(`READY ${url}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
