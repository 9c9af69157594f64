// `--ipvsadm FILE`: the director's IPVS table from whatever the operator has at hand:
// `ipvsadm -S -n` / ipvsadm-save output, ipvsadm commands pasted from a terminal or a
// script, `ipvsadm -Ln` tables (also collapsed onto one line), or a mix, replayed in order.
// Lines that are not ipvsadm input at all (prose, other commands) are skipped and counted
// in a note; lines that look like ipvsadm input but cannot be read are errors.

import { type ConfigError, type ConfigResult, configFailed, configOk, type LineMessage } from './config-result.js';
import type { DeploymentConfig } from './deployment.js';
import { parseIpvsadmCommand } from './ipvsadm-command.js';
import { parseListing, startsListing, type Word } from './ipvsadm-listing.js';
import { applyCommand, applyListing, createTable, tableServices } from './ipvs-table.js';
import { splitPastedText } from './pasted-text.js';

// ipvsadm's arguments always start with an option; "ipvsadm  x86_64  1.27" is a yum table.
const COMMAND = /^(?:sudo\s+)?(?:\S*\/)?ipvsadm(?:\s+(-.*))?$/;
// -S output and -R input start with a command option: -A, -a, -E, -e, -D, -d, -C, --add-service …
const SAVE_FORMAT = /^(-[AaEeDdC][A-Za-z0-9]*|--(add|edit|delete)-(service|server)|--clear)(\s|=|$)/;
const NON_SERVICE_OUTPUT = /^(IPVS connection entries|pro expire state|Timeout \(tcp tcpfin udp\)|(master|backup) sync daemon)/;

export function parseIpvsadm(text: string, file: string): ConfigResult<DeploymentConfig> {
  const table = createTable();
  const errors: ConfigError[] = [];
  const notes: string[] = [];
  const ignored: number[] = [];
  let recognised = false;
  // Output we do not read: help text runs until the next prompt; a connection (or timeout,
  // daemon) table also ends where the next ipvsadm command starts.
  let skipping: 'no' | 'text' | 'table' = 'no';
  let listing: Word[] = [];
  let nosort = false;

  const report = (into: 'errors' | 'notes', messages: readonly LineMessage[]): void => {
    for (const { line, message } of messages) {
      if (into === 'errors') errors.push({ file, line, message });
      else notes.push(`${file} line ${line}: ${message}`);
    }
  };
  const flushListing = (): void => {
    if (listing.length === 0) return;
    const parsed = parseListing(listing);
    report('errors', parsed.errors);
    report('notes', parsed.notes);
    applyListing(table, parsed.listing, nosort);
    listing = [];
    nosort = false;
  };
  const addWords = (line: number, words: readonly string[]): void => {
    for (const word of words) listing.push({ text: word, line });
  };

  for (const piece of splitPastedText(text, 'ipvsadm')) {
    if (piece.kind === 'fence') {
      flushListing();
      skipping = 'no';
      continue;
    }
    if (piece.kind === 'commented-command') {
      notes.push(`${file} line ${piece.line}: commented-out command ignored: ${piece.text}`);
      continue;
    }
    const words = piece.text.split(/\s+/);
    const command = COMMAND.exec(piece.text);
    const isCommand = command !== null || SAVE_FORMAT.test(piece.text);
    if (!piece.afterPrompt && (skipping === 'text' || (skipping === 'table' && !isCommand))) continue;
    skipping = 'no';
    if (isCommand) {
      flushListing();
      recognised = true;
      const args = command === null ? words : (command[1]?.split(/\s+/) ?? []);
      const parsed = parseIpvsadmCommand(args);
      if (!parsed.ok) {
        errors.push({ file, line: piece.line, message: parsed.message });
        continue;
      }
      const cmd = parsed.value;
      if (cmd.kind === 'list' && cmd.listing === 'services') {
        nosort = cmd.nosort;
        addWords(piece.line, cmd.rest);
      } else if (cmd.kind === 'list') {
        skipping = 'table';
        notes.push(`${file} line ${piece.line}: the output of ipvsadm ${args.join(' ')} is not read; only ipvsadm -Ln tables are`);
      } else if (cmd.kind === 'other' && cmd.printsText && piece.afterPrompt) {
        skipping = 'text';
      } else {
        report('notes', applyCommand(table, cmd, piece.line, command === null));
      }
    } else if (startsListing(piece.text)) {
      recognised = true;
      addWords(piece.line, words);
    } else if (NON_SERVICE_OUTPUT.test(piece.text)) {
      flushListing();
      skipping = 'table';
    } else {
      flushListing();
      ignored.push(piece.line);
    }
  }
  flushListing();

  // `ipvsadm -S` of a director without virtual services prints nothing: an empty file is that table.
  if (!recognised && text.trim() === '') notes.push(`${file}: empty, read as the output of ipvsadm -S without virtual services`);
  else if (!recognised) errors.push({ file, message: 'no ipvsadm commands, ipvsadm -S lines or ipvsadm -Ln table found' });
  if (errors.length > 0) return configFailed(errors);
  if (ignored.length > 0) {
    const lines = new Set(ignored).size;
    notes.push(`${file}: ${lines} line${lines === 1 ? '' : 's'} that are not ipvsadm input ignored (first: line ${ignored[0]})`);
  }
  const services = tableServices(table, file);
  if (services.length === 0) notes.push(`${file}: the IPVS table it describes is empty`);
  return configOk({ services, hosts: [], vrrp: [], roles: [], notes });
}
