// Checks the conformance suite with ajv, the JSON Schema validator most player authors use.
//
//   npm install --prefix build/node ajv@8
//   NODE_PATH=build/node/node_modules node conformance/check-ajv.js
//
// Both shipped schemas must compile in ajv's strict mode (draft 2020-12 needs "ajv/dist/2020");
// every valid document must pass; every invalid one marked "schema": true in EXPECTED.json must
// be refused, and every one marked false must pass the schema (only a loader can refuse it).
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020");

const root = path.join(__dirname, "..");
const schemas = path.join(root, "src", "backstretch", "schemas");
const read = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const failures = [];

const validators = {};
for (const kind of ["routine", "timeline"]) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  try {
    validators[kind] = ajv.compile(read(path.join(schemas, `${kind}.schema.json`)));
  } catch (error) {
    failures.push(`${kind}.schema.json does not compile in strict mode: ${error.message}`);
  }
}

const suite = path.join(__dirname, "timeline");
const validate = validators.timeline;
let checked = 0;
if (validate) {
  for (const name of fs.readdirSync(path.join(suite, "valid")).sort()) {
    checked += 1;
    if (!validate(read(path.join(suite, "valid", name)))) {
      failures.push(`valid/${name} is refused: ${JSON.stringify(validate.errors.slice(0, 3))}`);
    }
  }
  const expected = read(path.join(suite, "invalid", "EXPECTED.json"));
  for (const [name, expect] of Object.entries(expected)) {
    checked += 1;
    const accepted = validate(read(path.join(suite, "invalid", name)));
    if (expect.schema && accepted) failures.push(`invalid/${name} passes the schema; it must not`);
    if (!expect.schema && !accepted) {
      failures.push(
        `invalid/${name} is refused by the schema, but EXPECTED.json says only a loader can ` +
          `refuse it: ${JSON.stringify(validate.errors.slice(0, 2))}`,
      );
    }
  }
}
for (const failure of failures) console.error(`conformance: ${failure}`);
if (failures.length) process.exit(1);
console.log(`conformance: ajv ${require("ajv/package.json").version}: both schemas compile in strict mode; ${checked} documents as expected`);
