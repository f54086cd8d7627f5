/// The login page's HTML: a form and nothing else, in Vietnamese with English beside it (the
/// workspace's language switch is a script; this page has none). Self-contained, so it needs
/// no asset behind the token it asks for.
enum LoginPage {
    /// What the page may load: nothing but its own inline style, and it may post its form only
    /// here. No script at all, inline or not, and no framing (a framed login form invites
    /// clickjacking). The inline style is allowed because nothing on this page comes from a
    /// document or a request: there is no markup an attacker could put into it.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// The page, with `problem` (one of ours, never the request's text) shown above the form.
    static func html(problem: Problem? = nil) -> String {
        let notice = problem.map { #"<p class="problem" role="alert">\#($0.vietnamese) <span class="en">\#($0.english)</span></p>"# } ?? ""
        return """
        <!doctype html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Đăng nhập · invoiced</title>
        <style>
        body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f3f4f6;color:#1f2533;font:16px/1.5 system-ui,"Segoe UI",Roboto,sans-serif}
        main{width:min(24rem,calc(100vw - 2rem));background:#fff;border:1px solid #d8dce4;border-radius:8px;padding:2rem;box-sizing:border-box}
        h1{font-size:1.35rem;margin:0 0 .5rem}
        p{margin:0 0 1rem;color:#4b5568}
        .en{display:block;color:#6b7387;font-size:.85em;font-weight:normal}
        label{display:block;font-weight:600;margin-bottom:.35rem}
        input{width:100%;box-sizing:border-box;padding:.55rem .6rem;font:inherit;border:1px solid #b6bdcb;border-radius:4px}
        input:focus{outline:2px solid #2563c9;outline-offset:1px}
        button{margin-top:1.1rem;width:100%;padding:.6rem;font:inherit;font-weight:600;color:#fff;background:#2563c9;border:0;border-radius:4px;cursor:pointer}
        button:focus{outline:2px solid #1f2533;outline-offset:2px}
        .problem{background:#fdecea;color:#8a1c12;border:1px solid #f1b6ae;border-radius:4px;padding:.5rem .75rem}
        .problem .en{color:#8a1c12}
        </style>
        </head>
        <body>
        <main>
        <h1>Đăng nhập <span class="en">Sign in</span></h1>
        <p>Nhập mã truy cập của máy chủ hoá đơn (http_token). <span class="en">Enter the invoice server's access token (http_token).</span></p>
        \(notice)
        <form method="post" action="/login">
        <label for="token">Mã truy cập <span class="en">Access token</span></label>
        <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
        <button type="submit">Đăng nhập · Sign in</button>
        </form>
        </main>
        </body>
        </html>

        """
    }

    /// What went wrong with a login, in both languages.
    enum Problem {
        case wrongToken
        case tooManyTries(seconds: Int)
        case noToken

        var vietnamese: String {
            switch self {
            case .wrongToken: "Mã truy cập không đúng."
            case .tooManyTries(let seconds): "Sai quá nhiều lần. Thử lại sau \(seconds) giây."
            case .noToken: "Chưa nhập mã truy cập."
            }
        }

        var english: String {
            switch self {
            case .wrongToken: "Wrong access token."
            case .tooManyTries(let seconds): "Too many wrong tries. Try again in \(seconds) s."
            case .noToken: "No access token given."
            }
        }
    }
}
