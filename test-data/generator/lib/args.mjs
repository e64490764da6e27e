// Command-line options: --name value, --name=value and --flag; unknown options are an error.

export function parseArgs(argv, spec, usage) {
  const options = {};
  for (const [name, { default: value }] of Object.entries(spec)) options[name] = value;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(usage);
      process.exit(0);
    }
    if (!arg.startsWith('--')) fail(`unexpected argument ${arg}`, usage);
    let value;
    const equals = arg.indexOf('=');
    if (equals > 0) {
      value = arg.slice(equals + 1);
      arg = arg.slice(0, equals);
    }
    const name = arg.slice(2);
    const option = spec[name];
    if (!option) fail(`unknown option ${arg}`, usage);
    if (option.type === 'boolean') {
      options[name] = value === undefined ? true : value !== 'false';
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) fail(`${arg} needs a value`, usage);
      value = argv[++i];
    }
    if (option.type === 'int') {
      if (!/^[0-9]+$/.test(value)) fail(`${arg} needs a whole number, not ${value}`, usage);
      value = Number(value);
      if (option.min !== undefined && value < option.min) fail(`${arg} must be at least ${option.min}`, usage);
      if (option.max !== undefined && value > option.max) fail(`${arg} must be at most ${option.max}`, usage);
    }
    if (option.choices && !option.choices.includes(value)) fail(`${arg} must be one of ${option.choices.join(', ')}`, usage);
    options[name] = value;
  }
  for (const [name, option] of Object.entries(spec)) {
    if (option.required && options[name] === undefined) fail(`--${name} is required`, usage);
  }
  return options;
}

function fail(message, usage) {
  process.stderr.write(`${message}\n\n${usage}`);
  process.exit(2);
}
