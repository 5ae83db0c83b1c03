import { writeFileSync } from 'node:fs';
import { PCMU } from '../../telephony/embedded/media/g711';

/**
 * Writes a pcap of RTP carrying a PCMU sine tone (20 ms packets), for sipp's play_pcap_audio:
 * a caller that "speaks" a known frequency the test can find again in a recording.
 */
export function writeTonePcap(path: string, frequency: number, seconds: number, amplitude = 8000): string {
  const packets = Math.round((seconds * 1000) / 20);
  const chunks: Buffer[] = [];
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20); // Ethernet
  chunks.push(header);
  const pcm = new Int16Array(160);
  const payload = new Uint8Array(160);
  for (let p = 0; p < packets; p++) {
    for (let i = 0; i < 160; i++) pcm[i] = Math.round(amplitude * Math.sin((2 * Math.PI * frequency * (p * 160 + i)) / 8000));
    PCMU.encode(pcm, payload);
    const rtp = Buffer.alloc(12 + 160);
    rtp[0] = 0x80;
    rtp[1] = p === 0 ? 0x80 : 0x00; // marker on the first packet, PT 0
    rtp.writeUInt16BE(p & 0xffff, 2);
    rtp.writeUInt32BE(p * 160, 4);
    rtp.writeUInt32BE(0x1234abcd, 8);
    Buffer.from(payload).copy(rtp, 12);
    const udp = Buffer.alloc(8);
    udp.writeUInt16BE(6000, 0);
    udp.writeUInt16BE(6002, 2);
    udp.writeUInt16BE(8 + rtp.length, 4);
    const ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip.writeUInt16BE(20 + 8 + rtp.length, 2);
    ip[8] = 64;
    ip[9] = 17;
    Buffer.from([127, 0, 0, 1]).copy(ip, 12);
    Buffer.from([127, 0, 0, 1]).copy(ip, 16);
    const eth = Buffer.alloc(14);
    eth.writeUInt16BE(0x0800, 12);
    const frame = Buffer.concat([eth, ip, udp, rtp]);
    const rec = Buffer.alloc(16);
    const t = p * 20;
    rec.writeUInt32LE(Math.floor(t / 1000), 0);
    rec.writeUInt32LE((t % 1000) * 1000, 4);
    rec.writeUInt32LE(frame.length, 8);
    rec.writeUInt32LE(frame.length, 12);
    chunks.push(rec, frame);
  }
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}
