import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Lazily loaded views and Fluent's first render can take more than the default second on a
// busy two-core machine; a wait ends as soon as what it waits for is there.
configure({ asyncUtilTimeout: 5_000 });

/*
 * jsdom lacks a few browser APIs Fluent UI and the tab touch. These stand-ins answer
 * like a light-theme desktop browser; tests that need other answers replace them.
 */

function mediaQueryList(query: string): MediaQueryList {
  return {
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  };
}

if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', { writable: true, configurable: true, value: mediaQueryList });
}

if (!('ResizeObserver' in window)) {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.defineProperty(window, 'ResizeObserver', { writable: true, configurable: true, value: ResizeObserverStub });
}

if (!Element.prototype.scrollIntoView) {
  Element.prototype.scrollIntoView = function scrollIntoView() {};
}

// jsdom has no layout, so offsetParent is always null and Fluent's focus manager (tabster)
// would treat every element as hidden: dialogs could not take focus and were hidden from
// screen readers in tests (not in browsers). Connected elements get their parent instead;
// computing styles here would make every keystroke take seconds.
Object.defineProperty(HTMLElement.prototype, 'offsetParent', {
  configurable: true,
  get(this: HTMLElement) {
    return this.isConnected && !this.hidden ? this.parentElement : null;
  },
});

// For the same reason the body needs a size: an empty body reads as a hidden frame.
HTMLBodyElement.prototype.getBoundingClientRect = function getBoundingClientRect() {
  return { x: 0, y: 0, top: 0, left: 0, right: 1024, bottom: 768, width: 1024, height: 768, toJSON: () => ({}) } as DOMRect;
};

// jsdom's getComputedStyle re-applies every stylesheet rule on each call, and Fluent inserts
// thousands (Griffel atomic classes) while its positioning and focus code and user-event call
// it constantly: a keystroke in a popup took over a second. Tests see inline styles and the
// `hidden` attribute only; none of them depends on a stylesheet-computed value.
window.getComputedStyle = function getComputedStyle(element: Element): CSSStyleDeclaration {
  const computed = document.createElement('div').style;
  const inline = (element as HTMLElement).style;
  if (inline) computed.cssText = inline.cssText;
  if ((element as HTMLElement).hidden) computed.display = 'none';
  return computed;
};
