#!/usr/bin/env python3
# Writes the seed corpora in Fuzz/Corpus/ from the repo's project files and hand-written inputs.
# Run from the repository root: python3 Fuzz/seeds.py (it overwrites files of the same name only).
import os, glob, re, json, hashlib, struct, shutil
C = 'Fuzz/Corpus'
def put(target, name, data):
    d = os.path.join(C, target); os.makedirs(d, exist_ok=True)
    if isinstance(data, str): data = data.encode()
    open(os.path.join(d, name), 'wb').write(data)

# JSON: project files and hand-written edge cases.
jsons = sorted(glob.glob('recipes/**/*.json', recursive=True)) + ['connections.example.json'] \
    + sorted(glob.glob('Tests/Fixtures/**/*.json', recursive=True)) + ['connectors/hibob.json', 'connectors/docebo.json']
for f in jsons:
    put('FuzzJSON', f.replace('/', '_'), open(f, 'rb').read())
for i, s in enumerate(['0', '-0', '1e308', '-1.5e-300', '9223372036854775807', '9223372036854775808', '-9223372036854775809',
                       '"\\ud83d\\ude00 \\u0000 \\"\\\\\\/\\b\\f\\n\\r\\t"', '[[[[[[[[[[]]]]]]]]]]', '{"a":1,"a":2}',
                       '{"":[true,false,null]}', '"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"', '[1,2,]', '{"a" 1}', '"\\ud800"']):
    put('FuzzJSON', f'edge-{i:02}.json', s.encode('latin-1') if '\xc3' in s else s)

# CSV
put('FuzzCSV', 'integration-settings.csv', open('lookup-tables/integration-settings.csv', 'rb').read())
put('FuzzCSV', 'settings.csv', open('Tests/Fixtures/validate/clean/lookup-tables/settings.csv', 'rb').read())
put('FuzzCSV', 'bad.csv', open('Tests/Fixtures/validate/triggers/lookup-tables/bad.csv', 'rb').read())
for i, s in enumerate([b'a,b\r\n1,2\r\n', b'\xef\xbb\xbfname,"quoted, with comma"\n"x ""y""",2\n\n\n',
                       b'a,a\n1,2\n', b'a,b\n1\n', b'a,\n1,2\n', b'"multi\nline",b\n"x\r\ny",z\n', b'a\n\xff\n', b'a,b\n"unterminated,1\n']):
    put('FuzzCSV', f'edge-{i:02}.csv', s)

# Cron: 4 bytes of start time (big-endian seconds), 1 byte of era/zone, then the expression.
def cron(name, start, sel, expr):
    put('FuzzCron', name, struct.pack('>IB', start, sel) + expr.encode())
exprs = ['0 25 * * *', '* * * * *', '*/15 9-17 * * 1-5', '30 2 * * *', '30 1 * * 0', '0 0 29 2 *', '0 0 30 2 *',
         '@daily', '@hourly', '@weekly', '@monthly', '@yearly', '0 9 * JAN-MAR MON,WED,FRI', '5,10-20/3 */2 1,15 * 7',
         '0 0 L * *', '0 0 1 1 * extra', '60 24 32 13 8']
for i, e in enumerate(exprs):
    cron(f'{i:02}.cron', 1_711_846_800 + i * 86400, i * 3 % 256, e)

# Expressions: every {{ }} in the recipes and connectors, and condition strings, plus edge cases.
texts = set()
for f in glob.glob('recipes/**/*.json', recursive=True) + glob.glob('connectors/*.json') + glob.glob('Tests/Fixtures/validate/**/*.json', recursive=True):
    for m in re.finditer(r'"((?:[^"\\]|\\.)*\{\{(?:[^"\\]|\\.)*)"', open(f, encoding='utf-8', errors='replace').read()):
        texts.add(m.group(1))
for t in sorted(texts)[:80]:
    put('FuzzExpressions', 'tpl-' + hashlib.sha1(t.encode()).hexdigest()[:10], t)
for i, t in enumerate(['trigger.data.count * 9223372036854775807', '-9223372036854775807 - 2', '1 / 0', '7 % 0', 'round(1e308 * 10)',
                       'lower(input.name) == "zoë ünïcødé" && !input.empty', 'trigger.data.tags[-1]', 'trigger.data.tags[9223372036854775807]',
                       'formatDate(parseDate(vars.d), "yyyy-MM-dd HH:mm", "Europe/Paris")', 'addDays(now(), 99999999)', "lookup('settings', {key: 'a'}).value",
                       'len(repeat("x", 1000000))', '{a: [1, 2, {b: null}], "c": true}["a"][2].b', 'x ? y : z ?? 0', "'}}' + \"{{\"",
                       'Hello {{ trigger.data.email }} at {{ now() }}', '{{ uuid() }}', '((((((((((((1))))))))))))', 'trigger.data.big + 1',
                       'trigger.data.small - 1', 'trigger.data.small * -1', 'abs(trigger.data.small)', 'trigger.data.small / -1', 'trigger.data.small % -1',
                       'int("99999999999999999999")', 'substring("abc", -5, 99999999999)']):
    put('FuzzExpressions', f'edge-{i:02}', t)

# HTTP requests: one leading byte chooses how the stream is cut into pieces.
reqs = [
    b'GET /hibob/v1/people/123?fields=a%20b&x=1+2 HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n',
    b'POST /webhooks/hibob HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{"type":"x"}\n',
    b'POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\nTrailer: t\r\n\r\n',
    b'\r\nGET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    b'PUT /x HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nbody',
    b'POST /x HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    b'GET / HTTP/1.1\r\nHost: x\r\n folded: value\r\n\r\n',
    b'GET / HTTP/2.0\r\n\r\n', b'GET  / HTTP/1.1\r\n\r\n', b'GET / HTTP/1.1\r\nBad Header: x\r\n\r\n',
    b'POST /x HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n',
    b'POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n',
    b'POST /x HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n',
]
for i, r in enumerate(reqs):
    put('FuzzHTTPRequest', f'{i:02}.http', bytes([i * 7 % 256]) + r)

# SMTP conversations: the leading byte's low bit turns AUTH on, the rest chooses the pieces.
convs = [
    (0, b'EHLO client.test\r\nMAIL FROM:<a@b.test> SIZE=100\r\nRCPT TO:<c@d.test>\r\nDATA\r\nSubject: hi\r\n\r\n..dot\r\nbody\r\n.\r\nQUIT\r\n'),
    (1, b'EHLO c\r\nAUTH PLAIN AHUAcA==\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nx\r\n.\r\nQUIT\r\n'),
    (1, b'EHLO c\r\nAUTH PLAIN\r\nAHUAcA==\r\nMAIL FROM:<>\r\n'),
    (0, b'HELO c\nMAIL FROM:<a@b> SIZE=1180591620717411303424\nRCPT TO:<x>\nRSET\nNOOP\nVRFY x\nHELP\nSTARTTLS\nBOGUS\n'),
    (0, b'EHLO c\r\nMAIL FROM:<a@b>\r\nRCPT TO:<1>\r\nRCPT TO:<2>\r\nRCPT TO:<3>\r\nRCPT TO:<4>\r\nRCPT TO:<5>\r\nDATA\r\n' + b'x' * 200 + b'\r\n.\r\n'),
    (0, b'EHLO c\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nfirst\n.\nMAIL FROM:<evil@x>\r\n.\r\n'),
    (1, b'EHLO c\r\nAUTH PLAIN *\r\nAUTH LOGIN\r\nAUTH PLAIN !!!notbase64\r\nMAIL FROM:<a@b>\r\n'),
]
for i, (bit, c) in enumerate(convs):
    put('FuzzSMTP', f'{i:02}.smtp', bytes([(i * 2) | bit]) + c)

# Retry-After values.
for i, v in enumerate(['120', '0', '-1', '1e16', '9223372036854775807', '-9223372036854775808', '99999999999999999999',
                       'Fri, 31 Dec 9999 23:59:59 GMT', 'Sun, 06 Nov 1994 08:49:37 GMT', 'Wed, 21 Oct 2026 07:28:00 GMT',
                       'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994', ' 30 ', '3.5', '+5', 'Thu, 01 Jan 1970 00:00:00 GMT',
                       'Mon, 01 Jan 0001 00:00:00 GMT']):
    put('FuzzRetryAfter', f'{i:02}.txt', v)

# Vendor responses: one byte chooses the action (index into the target's list), then the response.
resps = [
    (0, b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"employees":[{"id":"1","email":"a@example.com"}]}'),
    (0, b'HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\n\r\n{"error":{"code":"busy","message":"slow down"}}'),
    (0, b'HTTP/1.1 429 Too Many Requests\r\nRetry-After: Fri, 31 Dec 9999 23:59:59 GMT\r\n\r\n{}'),
    (8, b'HTTP/1.1 503 Service Unavailable\r\nRetry-After: 9223372036854775807\r\n\r\n'),
    (11, b'HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1e16\r\n\r\n<html>down</html>'),
    (6, b'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\n\r\n{"error":"invalid_token","error_description":"expired"}'),
    (8, b'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>login</html>'),
    (9, b'HTTP/1.1 422 Unprocessable\r\nContent-Type: application/json\r\n\r\n{"message":"Validation","errors":[{"message":"bad","field":"x"}]}'),
    (10, b'HTTP/1.1 99999 Odd\r\nContent-Length: 999999999\r\n\r\n{"data":{"message":[{"message":"nested"}]}}'),
    (13, b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"data":[{"id":1}],"next_cursor":"o9223372036854775807"}'),
    (3, b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"data":{"items":[{"user_id":"1","email":"ada@example.com"}],"has_more_data":true}}'),
    (16, b'HTTP/1.1 -5 Negative\r\nretry-after: -1\r\nRetry-After: 5\r\n\r\n"just a string"'),
    (7, b'garbage status line\r\n\r\n[1,2,3]'),
]
for i, (sel, r) in enumerate(resps):
    put('FuzzVendorResponse', f'{i:02}.http', bytes([sel]) + r)

# Webhooks: one byte (bit 0: sign the body correctly; the rest: which connection), then the request.
def hook(path, headers, body):
    head = f'POST {path} HTTP/1.1\r\nHost: x\r\n' + ''.join(h + '\r\n' for h in headers) + f'Content-Length: {len(body)}\r\n\r\n'
    return head.encode() + body
hooks = [
    (0, hook('/webhooks/greenhouse', ['Signature: sha256 zz'], b'{"action":"ping"}')),
    (1, hook('/webhooks/greenhouse', [], b'{"action":"candidate_hired","payload":{"application":{"id":1}}}')),
    (2, hook('/webhooks/hibob', ['Content-Type: application/json', 'Bob-Signature: AAAA'],
             b'{"type":"employee.updated","data":{"employeeId":"1","email":"a@b.test"}}')),
    (3, hook('/webhooks/hibob', [], b'{"text":"Ping test"}')),
    (5, b'POST /webhooks/hipeople HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{"event":"done"}\r\n0\r\n\r\n'),
    (4, hook('/webhooks/hipeople', ['X-HiPeople-Signature: sha256=00'], b'{}')),
]
for i, (mode, r) in enumerate(hooks):
    put('FuzzWebhook', f'{i:02}.http', bytes([mode]) + r)
