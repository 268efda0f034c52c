/**
 * What a DNS server reads of a packet before handing it to dns2's parser. dns2 loops over the
 * header's section counts whatever the packet's length: a 12-byte header claiming 0xFFFF entries
 * in each section costs it about 1.6 s of blocked event loop. A packet is parsed only when its
 * counts can fit its length and stay within what a query carries; anything else is refused from
 * the header alone, in constant time.
 */

/** The smallest question: the root name (1 byte), type and class. */
const MIN_QUESTION = 5;
/** The smallest resource record: root name, type, class, TTL and RDLENGTH. */
const MIN_RECORD = 11;
/** A query asks one question (RFC 9619) and carries at most a few records (EDNS OPT, TSIG, cookies). */
const MAX_QUESTIONS = 1;
const MAX_RECORDS = 8;
const HEADER_BYTES = 12;

export type PacketVerdict =
  | { readonly ok: true }
  /** `answer`: a FORMERR reply to send (undefined: drop the packet, e.g. a response or a runt). */
  | { readonly ok: false; readonly reason: string; readonly answer: Buffer | undefined };

export function checkQueryPacket(packet: Buffer): PacketVerdict {
  if (packet.length < 2) return { ok: false, reason: "shorter than a message id", answer: undefined };
  // A response (QR=1) is never answered: no loops between servers, no reflection.
  if (packet.length >= 3 && (packet[2] as number) & 0x80)
    return { ok: false, reason: "a response, not a query", answer: undefined };
  const refuse = (reason: string): PacketVerdict => ({ ok: false, reason, answer: formErr(packet) });
  if (packet.length < HEADER_BYTES) return refuse(`a ${packet.length}-byte packet has no complete header`);
  const qd = packet.readUInt16BE(4);
  const records = packet.readUInt16BE(6) + packet.readUInt16BE(8) + packet.readUInt16BE(10);
  if (qd > MAX_QUESTIONS || records > MAX_RECORDS)
    return refuse(`${qd} questions and ${records} records: more than a query carries`);
  if (qd * MIN_QUESTION + records * MIN_RECORD > packet.length - HEADER_BYTES) {
    return refuse(`${qd} questions and ${records} records cannot fit in ${packet.length} bytes`);
  }
  return { ok: true };
}

/** A header-only FORMERR answer: the query's id, opcode and RD bit, QR=1, RCODE=1, no sections. */
function formErr(packet: Buffer): Buffer {
  const out = Buffer.alloc(HEADER_BYTES);
  packet.copy(out, 0, 0, 2);
  const flags = packet.length >= 3 ? (packet[2] as number) & 0x79 : 0;
  out[2] = 0x80 | flags;
  out[3] = 0x01;
  return out;
}
