/*
 * Preloaded (node --require) into the Agents Playground, which listens on every
 * interface and has no option to choose one: it forces servers that did not ask
 * for loopback onto 127.0.0.1, so nothing local is reachable from the network.
 */
'use strict';
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const isLoopback = (host) => host === LOOPBACK || host === 'localhost' || host === '::1';
const original = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first] = args;
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    if (first.path === undefined && first.fd === undefined && first.handle === undefined && !isLoopback(first.host)) {
      args[0] = { ...first, host: LOOPBACK };
    }
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] === 'string') {
      if (!isLoopback(args[1])) args[1] = LOOPBACK;
    } else {
      args.splice(1, 0, LOOPBACK);
    }
  } else if (first === undefined || typeof first === 'function') {
    args.unshift(0, LOOPBACK);
  }
  return original.apply(this, args);
};
