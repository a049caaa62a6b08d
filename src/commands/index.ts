import { add } from "./add.js";
import { advance, escalate, refuse } from "./advance.js";
import { backup } from "./backup.js";
import { balance } from "./balance.js";
import { calendar } from "./calendar.js";
import { close } from "./close.js";
import { completion } from "./completion.js";
import { config } from "./config.js";
import { doctor } from "./doctor.js";
import { edit } from "./edit.js";
import { evidence } from "./evidence.js";
import { exportData } from "./export.js";
import { fee } from "./fee.js";
import { importData } from "./import.js";
import { list } from "./list.js";
import { message } from "./message.js";
import { note } from "./note.js";
import { packet } from "./packet.js";
import { reopen } from "./reopen.js";
import { rm } from "./rm.js";
import { show } from "./show.js";
import { stats } from "./stats.js";
import { status } from "./status.js";
import { undo } from "./undo.js";
import { withdraw } from "./withdraw.js";
import type { CommandSpec } from "./shared/spec.js";

/**
 * Every command, in the order help lists them: the one list that the program, help and
 * completion read. A command's module only declares; what costs start-up time (SQLite,
 * the prompt library, colours) loads when its run asks for it.
 */
export const COMMANDS: readonly CommandSpec[] = [
  add, status, show, advance, refuse, escalate, close, reopen, note, evidence, fee, undo, rm, message, packet, edit, list, exportData,
  importData, stats, withdraw, balance, backup, config, calendar, doctor, completion,
];
