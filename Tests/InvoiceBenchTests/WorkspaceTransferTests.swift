@testable import InvoiceBench
import Testing

/// `make bench` counts what a browser fetches for the invoices page: every asset the page
/// names and every module those import, and nothing that only looks like one.
@Suite struct WorkspaceTransferTests {
    @Test func thePagesAssets_andTheModulesTheyImport_areFound() {
        let html = #"<link rel="stylesheet" href="/assets/ab12/app.css"><script type="module" src="/assets/ab12/app.js"></script>"#
        #expect(WorkspaceTransfer.assetPaths(in: html, base: nil) == ["/assets/ab12/app.css", "/assets/ab12/app.js"])
        let module = """
            import { el } from './dom.js';
            import * as chat from "./page-chat.js";
            const hint = 'the daemon's words';  // an apostrophe in prose
            const note = "see ./README.md";
            """
        #expect(Set(WorkspaceTransfer.assetPaths(in: module, base: "/assets/ab12")) == ["/assets/ab12/dom.js", "/assets/ab12/page-chat.js"])
    }
}
