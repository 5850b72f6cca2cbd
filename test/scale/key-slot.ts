/** CRC16-XMODEM (polynomial 0x1021, initial 0), the checksum Redis Cluster hashes keys with. */
export function crc16(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** CLUSTER KEYSLOT: only the first non-empty `{…}` section is hashed when there is one. */
export function keySlot(key: string): number {
  const open = key.indexOf("{");
  const close = open >= 0 ? key.indexOf("}", open + 1) : -1;
  const tagged = close > open + 1 ? key.slice(open + 1, close) : key;
  return crc16(new TextEncoder().encode(tagged)) % 16384;
}
