-- 详情：随机项目及其全部指标。
local max = tonumber(os.getenv("MAX_PROJECT") or "1000")
request = function()
    return wrk.format("GET", "/api/v1/projects/" .. math.random(1, max))
end
