-- 列表：随机项目的指标第一页。
local max = tonumber(os.getenv("MAX_PROJECT") or "1000")
request = function()
    return wrk.format("GET", "/api/v1/indicators?project=" .. math.random(1, max) .. "&per_page=50")
end
