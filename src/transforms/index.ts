// The transforms barrel: re-exports of this area's public API.
export {};
