import dns2 from "dns2";
import { describe, expect, it } from "vitest";
import { checkQueryPacket } from "../../../../src/local-backend/dns/packet-guard.js";

const header = (qd: number, an: number, ns: number, ar: number, flags = 0x0100) => {
  const b = Buffer.alloc(12);
  b.writeUInt16BE(0x1234, 0);
  b.writeUInt16BE(flags, 2);
  b.writeUInt16BE(qd, 4);
  b.writeUInt16BE(an, 6);
  b.writeUInt16BE(ns, 8);
  b.writeUInt16BE(ar, 10);
  return b;
};

describe("checkQueryPacket", () => {
  it("passes a real query, with and without EDNS", () => {
    const q = new dns2.Packet();
    q.header.id = 7;
    q.header.rd = 1;
    q.questions.push({ name: "example.com", type: dns2.Packet.TYPE.A, class: dns2.Packet.CLASS.IN } as never);
    expect(checkQueryPacket(q.toBuffer())).toEqual({ ok: true });
    q.additionals.push({ name: "", type: dns2.Packet.TYPE.EDNS, class: 1232, ttl: 0, rdata: [] } as never);
    expect(checkQueryPacket(q.toBuffer())).toEqual({ ok: true });
  });

  it("refuses counts that cannot fit the packet, with a FORMERR carrying the id", () => {
    const v = checkQueryPacket(header(0xffff, 0xffff, 0xffff, 0xffff));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.reason).toContain("more than a query carries");
    expect([...(v.answer ?? [])]).toEqual([0x12, 0x34, 0x81, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]);
    const fits = checkQueryPacket(header(1, 0, 0, 1));
    expect(fits.ok === false && fits.reason).toBe("1 questions and 1 records cannot fit in 12 bytes");
  });

  it("drops responses and runts without answering", () => {
    expect(checkQueryPacket(header(1, 0, 0, 0, 0x8180))).toMatchObject({ ok: false, answer: undefined });
    expect(checkQueryPacket(Buffer.from([1]))).toMatchObject({ ok: false, answer: undefined });
    expect(checkQueryPacket(Buffer.from([1, 2, 3]))).toMatchObject({
      ok: false,
      reason: "a 3-byte packet has no complete header",
    });
  });
});
