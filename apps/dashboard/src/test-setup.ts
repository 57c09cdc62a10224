// Jest runs the dashboard's unit tests in Node with Angular's JIT compiler and TestBed. Nothing
// here renders a component, so the little of the browser the stores touch is stood in for.
import '@angular/compiler';
import { DOCUMENT, NgModule, provideZonelessChangeDetection } from '@angular/core';
import { TestBed, TestComponentRenderer } from '@angular/core/testing';
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing';
import { Announcer } from './app/core/a11y/announcer';

/** A visible page that takes listeners: what RefreshedResource reads to poll and catch up. */
export class TestDocument extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible';
}

@NgModule({
  providers: [
    provideZonelessChangeDetection(),
    { provide: DOCUMENT, useFactory: () => new TestDocument() },
    { provide: TestComponentRenderer, useValue: { insertRootElement: () => undefined, removeAllRootElements: () => undefined } },
    { provide: Announcer, useValue: { announce: () => undefined } },
  ],
})
class NodeTestingModule {}

TestBed.initTestEnvironment([BrowserTestingModule, NodeTestingModule], platformBrowserTesting());
