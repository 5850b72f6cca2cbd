export * from "./clips";
export * from "./engagement";
export * from "./ledger";
export * from "./submissions";
export * from "./users";
