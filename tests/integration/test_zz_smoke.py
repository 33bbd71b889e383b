def test_smoke(client_as):
    c = client_as("management")
    r = c.get("/rapportage/")
    print(r.status_code)
    open("/tmp/rap/page.html", "wb").write(r.data)
    assert r.status_code == 200
    r = c.get("/rapportage/instroom.csv")
    print(r.data.decode()[:500])
    r = c.get("/rapportage/budget")
    assert r.status_code == 200, r.data[-2000:]
    r = c.get("/")
    print(r.headers.get("Location"))
