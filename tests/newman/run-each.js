// Runs newman once on each `COLLECTION ENVIRONMENT` pair of the arguments, one after the
// other in this one process (so Node starts once, not once per collection), and prints one
// JSON line per collection: {"collection": path, "failures": [messages]}.
'use strict';

const newman = require('newman');

const args = process.argv.slice(2);

function runFrom(index) {
    if (index >= args.length) {
        return;
    }
    const collection = args[index];
    const environment = args[index + 1];
    newman.run({ collection, environment, timeoutRequest: 10000 }, (err, summary) => {
        const failures = err ? [String(err)] : summary.run.failures.map((failure) => {
            const error = failure.error || {};
            return `${failure.source && failure.source.name}: ${error.message || error}`;
        });
        process.stdout.write(JSON.stringify({ collection, failures }) + '\n');
        runFrom(index + 2);
    });
}

runFrom(0);
