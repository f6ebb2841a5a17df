-- 混合：列表与详情交替。
local max = tonumber(os.getenv("MAX_PROJECT") or "1000")
local n = 0
request = function()
    n = n + 1
    local id = math.random(1, max)
    if n % 2 == 0 then
        return wrk.format("GET", "/api/v1/projects/" .. id)
    end
    return wrk.format("GET", "/api/v1/indicators?project=" .. id .. "&per_page=50")
end
