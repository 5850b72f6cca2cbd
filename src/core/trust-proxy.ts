/** TRUST_PROXY: "none" (the socket peer), "fly" (Fly-Client-IP, set by Fly's edge), or N trusted proxy hops. */
export type TrustProxy = "none" | "fly" | number;
