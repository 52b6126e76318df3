class Legacy < ActiveRecord::Migration[6.1]
end
